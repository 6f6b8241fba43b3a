"""The article extractor (in progress): reads articles and finds known entities, money and
dates in them. Relationship proposals and the `dealgraph extract` command come next."""
