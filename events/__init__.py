"""Events, who took part and in what role, where, and the articles that report them."""
