#include "CEditShim.h"
int edit_shim_placeholder(void){return 0;}
