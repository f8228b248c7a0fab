// Module Simulation: to be filled.
