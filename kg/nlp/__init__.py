"""Everything spaCy: the model, Doc extensions, the actor and relation components."""
