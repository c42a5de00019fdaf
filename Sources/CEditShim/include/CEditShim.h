int edit_shim_placeholder(void);
