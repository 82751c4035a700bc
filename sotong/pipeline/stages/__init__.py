"""Pipeline stages that need the database are driven from here by the runner."""
