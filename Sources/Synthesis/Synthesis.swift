// Module Synthesis: to be filled.
