// Module Report: to be filled.
