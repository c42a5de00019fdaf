// Small non-variadic wrappers around libedit's variadic el_set/el_get/history calls, which Swift
// cannot call, plus the few libc pieces (stdin/stdout, signals, termios, locale) that Swift 6
// must not touch directly as shared mutable globals.
#ifndef FPS_EDIT_SHIM_H
#define FPS_EDIT_SHIM_H

#include <histedit.h>

typedef char *(*fps_prompt_fn)(EditLine *);
typedef unsigned char (*fps_command_fn)(EditLine *, int);

/// Makes multibyte input (café, 日本) work: call before fps_el_open.
void fps_set_locale(void);
/// An editor on the process's stdin/stdout/stderr, emacs bindings, signals handled.
EditLine *fps_el_open(const char *program);
void fps_el_close(EditLine *el);
/// Sets the prompt. While el_gets waits, SIGTERM and SIGHUP restore the terminal and end this
/// process alone (libedit would send them on to the whole process group).
int fps_el_set_prompt(EditLine *el, fps_prompt_fn prompt);
int fps_el_set_clientdata(EditLine *el, void *data);
void *fps_el_get_clientdata(EditLine *el);
/// Binds a named function (e.g. completion) to a key sequence such as "^I".
int fps_el_bind_function(EditLine *el, const char *name, const char *help, fps_command_fn function, const char *key);
int fps_el_set_history(EditLine *el, History *history);
/// Writes text to the editor's output stream and flushes it.
void fps_el_write(const char *text);

History *fps_history_open(int size);
void fps_history_close(History *history);
int fps_history_enter(History *history, const char *line);
int fps_history_load(History *history, const char *path);
/// Adds `line` to the history file at `path` as it is now, keeping the lines other shells
/// added to it since this one loaded it, and the last `size`.
int fps_history_add_to_file(const char *path, const char *line, int size);

/// Installs a SIGINT handler (without SA_RESTART, so el_gets returns -1 on Ctrl-C) and unblocks SIGINT.
void fps_install_interrupt_handler(void);
/// Makes Ctrl-C write `message` to standard error and end the process at once with status 130,
/// for a run that has nothing to keep or clean up.
void fps_end_on_interrupt(const char *message);
/// The terminal's width in columns (80 when stdout is not a terminal).
int fps_terminal_columns(void);
/// How many columns the character takes in the terminal (wcwidth): 2 for a wide one, 0 for a
/// combining one, -1 for a control character or one the locale cannot print.
int fps_character_width(unsigned int character);
/// Runs `command` through /bin/sh with `text` on its standard input and waits for it: the pager.
/// -1 when it could not be started, or the shell could not find or run it (status 127 or 126),
/// so that nothing was shown.
int fps_page(const char *command, const char *text, unsigned long length);
/// The terminal's height in lines (24 when stdout is not a terminal).
int fps_terminal_rows(void);
/// True once Ctrl-C was pressed since the last call; clears the flag.
int fps_take_interrupt(void);
/// Installs a SIGQUIT handler for the interactive shell: Ctrl-\ sets a flag (and interrupts
/// el_gets) rather than ending the process.
void fps_install_quit_key_handler(void);
/// True when Ctrl-\ was pressed since the last call; clears the flag.
int fps_take_quit_key(void);
/// True when Ctrl-C was pressed since the last fps_take_interrupt; leaves the flag set.
int fps_interrupt_pending(void);

/// Reads one line from stdin into buffer (newline removed): its length, -1 at the end of input
/// (Ctrl-D, not remembered for the next call), -2 when Ctrl-C interrupted it.
long fps_read_answer(char *buffer, unsigned long size);
/// Reads a line from the terminal without echo; the length, -1 at the end of input, -2 on Ctrl-C.
long fps_read_secret(const char *prompt, char *buffer, unsigned long size);
#endif
