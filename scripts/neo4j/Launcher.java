// A Neo4j Community server for dealgraph's development and tests: the embedded database with
// its Bolt connector on 127.0.0.1 (Neo4j Java reference, "Accessing Neo4j embedded via Bolt").
// Started and stopped by scripts/neo4j-server; not part of the Python package.
//
//   [DEALGRAPH_NEO4J_PASSWORD=...] java -Xmx1g -cp CLASSPATH Launcher HOME PORT
//
// With DEALGRAPH_NEO4J_PASSWORD set (at least 8 characters), authentication is on and the user
// neo4j has that password (kept out of the command line, which every process can read).
// With DEALGRAPH_NEO4J_TLS_DIR set to a directory holding private.key and public.crt, Bolt
// requires TLS with that certificate. With DEALGRAPH_NEO4J_TX_MEMORY set (e.g. 40m), all running
// transactions together may use at most that much memory (db.memory.transaction.total.max).
// Writes HOME/pid at once and HOME/ready once Bolt answers; shuts the database down cleanly on
// SIGTERM.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.configuration.ssl.ClientAuth;
import org.neo4j.configuration.ssl.SslPolicyConfig;
import org.neo4j.configuration.ssl.SslPolicyScope;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public final class Launcher {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: Launcher HOME PORT");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        String password = System.getenv("DEALGRAPH_NEO4J_PASSWORD");
        if (password != null && password.isEmpty()) {
            password = null;
        }
        Path ready = home.resolve("ready");
        Files.createDirectories(home);
        Files.deleteIfExists(ready);
        Files.writeString(home.resolve("pid"), ProcessHandle.current().pid() + "\n");

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        String tls = System.getenv("DEALGRAPH_NEO4J_TLS_DIR");
        if (tls != null && !tls.isEmpty()) {
            SslPolicyConfig bolt = SslPolicyConfig.forScope(SslPolicyScope.BOLT);
            builder.setConfig(bolt.enabled, true)
                    .setConfig(bolt.base_directory, Path.of(tls).toAbsolutePath())
                    .setConfig(bolt.client_auth, ClientAuth.NONE)
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.REQUIRED);
        }
        String txMemory = System.getenv("DEALGRAPH_NEO4J_TX_MEMORY");
        if (txMemory != null && !txMemory.isEmpty()) {
            builder.setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, SettingValueParsers.BYTES.parse(txMemory));
        }
        DatabaseManagementService service = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                // As in the neo4j.conf Neo4j ships: without a size cap an embedded database keeps
                // two days of transaction logs, about 400 MB per 100k-relationship load and delete.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "2 days 2G")
                .setConfig(GraphDatabaseSettings.auth_enabled, password != null)
                // LOAD CSV reads only from HOME/import, never from anywhere on the machine.
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, home.resolve("import"))
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (Exception ignored) {
                // shutting down anyway
            }
            service.shutdown();
        }));
        try {
            if (password != null) {
                try {
                    service.database("system").executeTransactionally(
                            "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
                } catch (RuntimeException e) {
                    // A restart with the same password: nothing to change.
                    if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                        throw e;
                    }
                }
            }
            // Wait for the default database before announcing readiness.
            service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (RuntimeException e) {
            System.err.println("Neo4j could not start: " + e.getMessage());
            System.exit(1);  // the shutdown hook stops the database
        }
        Files.writeString(ready, "127.0.0.1:" + port + "\n");
        System.out.println("Neo4j ready on 127.0.0.1:" + port + (password != null ? ", auth on" : "")
                + (tls != null && !tls.isEmpty() ? ", TLS required" : ""));
        Thread.currentThread().join();
    }
}
