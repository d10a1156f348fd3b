"""Plain helpers with no Django models: used by any stage of the cycle, importing none of them."""
