"""What stays fixed across versions, used by the pages and the checks: the release, permanent anchors,
earlier editions and their revisions, corrections, and the map back to the source chapter."""
