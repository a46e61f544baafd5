"""The SPARQL side of a finished build: `kg query`, the `kg serve` endpoint and its guards, the
Graph Store client and `kg push`, SHACL validation and the vocabulary's documentation.
Reads only build outputs: imports the model, the vocabulary and export helpers, never spaCy."""
