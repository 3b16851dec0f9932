"""The analyze stage: per story, facts, origins, conflicts, quotes, entities and timeline."""
