"""Stories: claims about one possible move merged, traced to their origin, and resolved."""
