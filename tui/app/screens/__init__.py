"""One screen per phase of the retrospective."""
