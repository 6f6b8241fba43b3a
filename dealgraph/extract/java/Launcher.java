// A Stanford CoreNLP server for dealgraph, bound to 127.0.0.1 only (the stock
// StanfordCoreNLPServer listens on every interface and has no host option).
//
//   java -cp "classes:<corenlp jars>" Launcher HOME PORT ANNOTATORS
//
// It speaks the stock server's request shape, so dealgraph's client works with either:
//   POST /?properties={"annotators": "...", "date": "YYYY-MM-DD", "outputFormat": "json"}
//   body: the text (UTF-8). Answer: CoreNLP's JSON (JSONOutputter).
//   GET /ready answers 200 once the models are loaded.
// Writes HOME/pid at once and HOME/ready (host:port) once a warm-up document has gone through
// the whole pipeline; removes HOME/ready on shutdown (SIGTERM).
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.JSONOutputter;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.StringUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

public final class Launcher {
    private static final int MAX_BODY = 8 * 1024 * 1024;  // characters of text per request
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    // Request properties a client may set; everything else is the server's.
    private static final Set<String> CLIENT_KEYS = new HashSet<>(Arrays.asList(
        "annotators", "date", "outputFormat", "ssplit.newlineIsSentenceBreak"));

    private static Properties base;
    private static Set<String> loaded;
    private static final Map<String, StanfordCoreNLP> pipelines = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        String annotators = args.length > 2 ? args[2] : "tokenize,ssplit,pos,lemma,ner,depparse";
        Files.createDirectories(home);
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);
        Files.writeString(home.resolve("pid"), ProcessHandle.current().pid() + "\n");

        base = new Properties();
        base.setProperty("annotators", annotators);
        base.setProperty("ssplit.newlineIsSentenceBreak", "two");
        base.setProperty("ner.applyFineGrained", "true");
        base.setProperty("ner.buildEntityMentions", "true");
        base.setProperty("coref.algorithm", System.getenv().getOrDefault("DEALGRAPH_COREF", "statistical"));
        base.setProperty("coref.md.type", "dependency");
        loaded = new HashSet<>(Arrays.asList(annotators.split(",")));

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 32);
        server.createContext("/ready", exchange -> {
            boolean up = Files.exists(ready);
            respond(exchange, up ? 200 : 503, up ? "ready\n" : "loading\n", "text/plain");
        });
        server.createContext("/", Launcher::annotate);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
            } catch (IOException ignored) {
                // nothing to do on the way out
            }
            server.stop(0);
        }));

        // Load every model now, so the first article does not pay for it.
        StanfordCoreNLP pipeline = pipeline(base);
        Annotation warm = new Annotation("Japan pledged $550 billion to the United States on July 22, 2025.");
        warm.set(CoreAnnotations.DocDateAnnotation.class, "2025-07-23");
        pipeline.annotate(warm);
        Files.writeString(ready, "127.0.0.1:" + port + "\n");
        System.out.println("CoreNLP ready on 127.0.0.1:" + port + " (" + annotators + ")");
    }

    private static synchronized StanfordCoreNLP pipeline(Properties props) {
        String key = new java.util.TreeMap<>(props).toString();
        return pipelines.computeIfAbsent(key, k -> new StanfordCoreNLP(props));
    }

    private static void annotate(HttpExchange exchange) throws IOException {
        try {
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, "POST the text to annotate\n", "text/plain");
                return;
            }
            Properties props = new Properties();
            props.putAll(base);
            String date = null;
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    if (eq < 0 || !"properties".equals(pair.substring(0, eq))) {
                        continue;
                    }
                    String json = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    for (Map.Entry<String, String> entry : StringUtils.decodeMap(json).entrySet()) {
                        String name = entry.getKey();
                        if (!CLIENT_KEYS.contains(name)) {
                            respond(exchange, 400, "property not accepted: " + name + "\n", "text/plain");
                            return;
                        }
                        if ("date".equals(name)) {
                            date = entry.getValue();
                        } else if (!"outputFormat".equals(name)) {
                            props.setProperty(name, entry.getValue());
                        } else if (!"json".equals(entry.getValue())) {
                            respond(exchange, 400, "only outputFormat json is served\n", "text/plain");
                            return;
                        }
                    }
                }
            }
            for (String name : props.getProperty("annotators").split(",")) {
                if (!loaded.contains(name.trim())) {
                    respond(exchange, 400, "annotator not loaded by this server: " + name + "\n", "text/plain");
                    return;
                }
            }
            if (date != null && !DATE.matcher(date).matches()) {
                respond(exchange, 400, "date must be YYYY-MM-DD\n", "text/plain");
                return;
            }
            String text = read(exchange.getRequestBody());
            if (text == null) {
                respond(exchange, 413, "text longer than " + MAX_BODY + " characters\n", "text/plain");
                return;
            }
            Annotation document = new Annotation(text);
            if (date != null) {
                document.set(CoreAnnotations.DocDateAnnotation.class, date);
            }
            pipeline(props).annotate(document);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JSONOutputter.jsonPrint(document, out);
            byte[] body = out.toByteArray();
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream os = exchange.getResponseBody()) {
                os.write(body);
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            respond(exchange, 500, e.getClass().getSimpleName() + ": " + e.getMessage() + "\n", "text/plain");
        }
    }

    private static String read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BODY * 4 + 1);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return bytes.length > MAX_BODY * 4 || text.length() > MAX_BODY ? null : text;
    }

    private static void respond(HttpExchange exchange, int status, String text, String type) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }
}
