// Module Targets: to be filled.
