"""The resolution rules of ``kg_actors``, one module per family.

Every rule is a function ``apply(ctx, candidates) -> candidates`` over a
:class:`~kg.nlp.actors.context.DocContext`; :mod:`kg.nlp.actors.component` lists them
in the order they run:

- :mod:`.names`: the entity ruler's matches (registry names) start the list;
- :mod:`.people`: imported leaders and officials among the names NER found;
- :mod:`.case`: names written in lower or odd case;
- :mod:`.disambiguate`: names of several states by the document, states named
  before they existed by the date;
- :mod:`.misspellings`: a capitalised non-word one edit from a country name;
- :mod:`.expand`: roles, possessives, titles and "X of Y" widen a name;
- :mod:`.unknown`: organisations NER finds that the registry lacks;
- :mod:`.places`: cities and regions stand for their country;
- :mod:`.acronyms`: "Some Long Name (SLN)" defines SLN;
- :mod:`.leaders`: a person stands for the state they lead at the article date;
- :mod:`.residence`: groups of people are coded by where they live;
- :mod:`.coref`: definite descriptions and pronouns take an antecedent;
- :mod:`.quotes`: "we" in a quotation is its speaker;
- :mod:`.hashtags`: "#Daesh" includes its "#".
"""
