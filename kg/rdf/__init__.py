"""The RDF layer: ontology and IRIs, article graphs, the store adapter, queries."""
