// wcwidth, with everything else glibc offers.
#define _GNU_SOURCE
#include "CEditShim.h"

#include <errno.h>
#include <locale.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

// Atomic, not only volatile: a bulk load asks for it from every reading thread. A lock-free
// atomic is as safe to set in a signal handler as a sig_atomic_t.
static atomic_int interrupted = 0;
static volatile sig_atomic_t quit_key = 0;

static void on_interrupt(int signal_number) {
  (void)signal_number;
  atomic_store_explicit(&interrupted, 1, memory_order_relaxed);
}

static void on_quit_key(int signal_number) {
  (void)signal_number;
  quit_key = 1;
}

void fps_install_quit_key_handler(void) {
  // Ctrl-\ at the prompt would end fps at once (SIGQUIT's default), staged work and all: it
  // is taken like Ctrl-D instead, which warns first. No SA_RESTART, so el_gets returns.
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_quit_key;
  sigemptyset(&action.sa_mask);
  sigaction(SIGQUIT, &action, NULL);
}

int fps_take_quit_key(void) {
  int was = quit_key;
  quit_key = 0;
  return was;
}

void fps_set_locale(void) { setlocale(LC_CTYPE, ""); }

/// The terminal's settings before the editor first read a line (cooked: echo, line editing).
static struct termios cooked;
static volatile sig_atomic_t have_cooked = 0;

static void on_terminate(int signal_number) {
  // The terminal as it was, then the signal's default action: the process ends by it, and its
  // parent sees why.
  // TCSANOW: output held by Ctrl-S would keep TCSADRAIN waiting.
  if (have_cooked) tcsetattr(STDIN_FILENO, TCSANOW, &cooked);
  signal(signal_number, SIG_DFL);
  sigset_t this_one;
  sigemptyset(&this_one);
  sigaddset(&this_one, signal_number);
  sigprocmask(SIG_UNBLOCK, &this_one, NULL);
  raise(signal_number);
}

/// While el_gets waits, libedit catches SIGTERM and SIGHUP to restore the terminal, then sends
/// them again with kill(0, ...): to the whole process group, which under a script or a
/// supervisor that did not give fps a group of its own (`sh -c 'fps; ...'`) ended the parent
/// too. They are taken back for the wait: the terminal is restored the same way, and the
/// signal goes to this process alone. (SIGINT, SIGQUIT and SIGTSTP come from the keyboard,
/// which sends them to the whole foreground group anyway.)
static void take_termination_signals(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_terminate;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGHUP, &action, NULL);
}

static fps_prompt_fn swift_prompt = NULL;

/// The prompt, asked for by el_gets after it installed its signal handlers: the moment to take
/// the termination signals back (libedit puts the handlers it found back when el_gets returns).
static char *prompt_taking_signals(EditLine *el) {
  take_termination_signals();
  return swift_prompt(el);
}

EditLine *fps_el_open(const char *program) {
  EditLine *el = el_init(program, stdin, stdout, stderr);
  if (el == NULL) return NULL;
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_SIGNAL, 1);
  have_cooked = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &cooked) == 0;
  return el;
}

void fps_el_close(EditLine *el) { el_end(el); }

int fps_el_set_prompt(EditLine *el, fps_prompt_fn prompt) {
  swift_prompt = prompt;
  return el_set(el, EL_PROMPT, prompt_taking_signals);
}
int fps_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }

void *fps_el_get_clientdata(EditLine *el) {
  void *data = NULL;
  el_get(el, EL_CLIENTDATA, &data);
  return data;
}

int fps_el_bind_function(EditLine *el, const char *name, const char *help, fps_command_fn function, const char *key) {
  if (el_set(el, EL_ADDFN, name, help, function) != 0) return -1;
  return el_set(el, EL_BIND, key, name, NULL);
}

int fps_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }

void fps_el_write(const char *text) {
  fputs(text, stdout);
  fflush(stdout);
}

History *fps_history_open(int size) {
  History *h = history_init();
  if (h == NULL) return NULL;
  HistEvent event;
  history(h, &event, H_SETSIZE, size);
  history(h, &event, H_SETUNIQUE, 1);
  return h;
}

void fps_history_close(History *h) { history_end(h); }

int fps_history_enter(History *h, const char *line) {
  HistEvent event;
  return history(h, &event, H_ENTER, line);
}

int fps_history_load(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_LOAD, path);
}

int fps_history_add_to_file(const char *path, const char *line, int size) {
  // The file as it is now, with what other shells added since this one started, plus the
  // line; saving this shell's own list would drop their lines.
  History *merged = fps_history_open(size);
  if (merged == NULL) return -1;
  HistEvent event;
  history(merged, &event, H_LOAD, path);
  history(merged, &event, H_ENTER, line);
  // Written beside the file and renamed over it: a shell reading it meanwhile, or a hang-up
  // mid-write, never sees a history cut short.
  char temporary[4096];
  if (snprintf(temporary, sizeof temporary, "%s.%d.tmp", path, (int)getpid()) >= (int)sizeof temporary) {
    history_end(merged);
    return -1;
  }
  int saved = history(merged, &event, H_SAVE, temporary);
  history_end(merged);
  // Readable by its owner only, as shells keep their history: it names hosts and files.
  if (saved < 0 || chmod(temporary, 0600) != 0 || rename(temporary, path) != 0) {
    unlink(temporary);
    return -1;
  }
  return saved;
}

void fps_install_interrupt_handler(void) {
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;
  sigaction(SIGINT, &action, NULL);
  // A blocked mask survives exec: fps started from a thread that blocks signals (as Dispatch's
  // workers and test runners do) would otherwise never see Ctrl-C, and would outlive a closed
  // terminal (SIGHUP) or `kill` (SIGTERM). Those two keep their default action: end the process.
  sigset_t ending;
  sigemptyset(&ending);
  sigaddset(&ending, SIGINT);
  sigaddset(&ending, SIGTERM);
  sigaddset(&ending, SIGHUP);
  sigprocmask(SIG_UNBLOCK, &ending, NULL);
  signal(SIGTERM, SIG_DFL);
  signal(SIGHUP, SIG_DFL);
}

static char *interrupt_message = NULL;

static void end_on_interrupt(int signal) {
  (void)signal;
  if (interrupt_message != NULL) {
    ssize_t written = write(STDERR_FILENO, interrupt_message, strlen(interrupt_message));
    (void)written;
  }
  _exit(130);
}

void fps_end_on_interrupt(const char *message) {
  free(interrupt_message);
  interrupt_message = strdup(message);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = end_on_interrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, NULL);
}

int fps_character_width(unsigned int character) { return wcwidth((wchar_t)character); }

int fps_terminal_columns(void) {
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  return 80;
}

int fps_page(const char *command, const char *text, unsigned long length) {
  // popen keeps the pager in fps's process group, so it owns the terminal as a shell's pager
  // does (a child in a session of its own could not read keys from /dev/tty). A pager quit
  // early closes the pipe: SIGPIPE is ignored meanwhile, or it would end fps.
  // Ctrl-\ in the pager reaches the whole group: ignored meanwhile (and so by the pager's
  // shell, which inherits it), or the shell would die and leave the pager reading keys with fps.
  void (*previous)(int) = signal(SIGPIPE, SIG_IGN);
  void (*previous_quit)(int) = signal(SIGQUIT, SIG_IGN);
  FILE *pipe = popen(command, "w");
  if (pipe == NULL) {
    signal(SIGPIPE, previous);
    signal(SIGQUIT, previous_quit);
    return -1;
  }
  fwrite(text, 1, length, pipe);
  int status = pclose(pipe);
  signal(SIGPIPE, previous);
  signal(SIGQUIT, previous_quit);
  // The shell's own statuses for a command it could not find (127) or run (126): the pager
  // never read the text (a PAGER naming a program that is not installed lost the output).
  if (status != -1 && WIFEXITED(status) && (WEXITSTATUS(status) == 127 || WEXITSTATUS(status) == 126)) return -1;
  return status;
}

int fps_terminal_rows(void) {
  struct winsize size;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_row > 0) return size.ws_row;
  return 24;
}

int fps_take_interrupt(void) {
  return atomic_exchange_explicit(&interrupted, 0, memory_order_relaxed);
}

int fps_interrupt_pending(void) { return atomic_load_explicit(&interrupted, memory_order_relaxed); }

long fps_read_answer(char *buffer, unsigned long size) {
  // read(2) on the descriptor, not stdio: an end of input (Ctrl-D) is not remembered by a FILE,
  // so the next question waits for its own answer; Ctrl-C interrupts the read (no SA_RESTART).
  unsigned long length = 0;
  for (;;) {
    char byte;
    ssize_t got = read(STDIN_FILENO, &byte, 1);
    if (got < 0 && errno == EINTR) {
      // Ctrl-\ answers as Ctrl-C does: the terminal dropped what was typed before it.
      if (atomic_load_explicit(&interrupted, memory_order_relaxed) || quit_key) return -2;
      continue;
    }
    if (got <= 0) {
      if (length == 0) return -1;
      break;
    }
    if (byte == '\n') break;
    if (length + 1 < size) buffer[length++] = byte;
  }
  buffer[length] = '\0';
  return (long)length;
}

long fps_read_secret(const char *prompt, char *buffer, unsigned long size) {
  struct termios saved, quiet;
  struct sigaction previous_term, previous_hup;
  int is_terminal = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;
  // Echo goes off (and what was typed before the question is dropped) before the prompt shows,
  // as getpass(3) does: a secret typed as soon as the prompt appears is neither echoed nor lost.
  // SIGTERM or SIGHUP meanwhile turn it back on before they end the process: the shell the
  // person returns to would not show what they type.
  if (is_terminal) {
    cooked = saved;
    have_cooked = 1;
    sigaction(SIGTERM, NULL, &previous_term);
    sigaction(SIGHUP, NULL, &previous_hup);
    take_termination_signals();
    quiet = saved;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  fputs(prompt, stdout);
  fflush(stdout);
  long length = fps_read_answer(buffer, size);
  if (is_terminal) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    sigaction(SIGTERM, &previous_term, NULL);
    sigaction(SIGHUP, &previous_hup, NULL);
    // The Enter, Ctrl-C or Ctrl-D that ended it was not echoed: what follows starts a line.
    fputs("\n", stdout);
    fflush(stdout);
  }
  return length;
}
