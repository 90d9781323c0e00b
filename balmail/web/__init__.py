"""The design canvas (`balmail design`): a JSON model of the program computed in Python, rendered by a
static page."""
