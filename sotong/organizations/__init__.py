"""Organizations (city headquarters, districts, institutions) and their tree of units."""
