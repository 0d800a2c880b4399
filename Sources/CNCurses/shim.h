// C shim for ncurses: exposes what Swift cannot import directly (macros, globals).
#ifndef CONVSCOPE_CNCURSES_SHIM_H
#define CONVSCOPE_CNCURSES_SHIM_H

#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <unistd.h>
#include <signal.h>
#include <errno.h>

static inline int cs_lines(void) { return LINES; }
static inline int cs_cols(void) { return COLS; }
static inline int cs_colors(void) { return COLORS; }
static inline int cs_color_pairs(void) { return COLOR_PAIRS; }
// Sets attributes and a colour pair given as a number (not packed into the attributes, where
// COLOR_PAIR(n) only has room for pairs below 256).
static inline int cs_wattr_set(WINDOW *w, attr_t a, int pair) { return wattr_set(w, a, (short)pair, NULL); }
static inline attr_t cs_a_bold(void) { return A_BOLD; }
static inline attr_t cs_a_reverse(void) { return A_REVERSE; }
static inline attr_t cs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cs_a_dim(void) { return A_DIM; }
static inline attr_t cs_a_normal(void) { return A_NORMAL; }
static inline attr_t cs_color_pair(int n) { return COLOR_PAIR(n); }
static inline int cs_key_resize(void) { return KEY_RESIZE; }
static inline int cs_key_left(void) { return KEY_LEFT; }
static inline int cs_key_right(void) { return KEY_RIGHT; }
static inline int cs_key_up(void) { return KEY_UP; }
static inline int cs_key_down(void) { return KEY_DOWN; }
static inline int cs_key_home(void) { return KEY_HOME; }
static inline int cs_key_end(void) { return KEY_END; }
static inline int cs_key_npage(void) { return KEY_NPAGE; }
static inline int cs_key_ppage(void) { return KEY_PPAGE; }
static inline int cs_key_btab(void) { return KEY_BTAB; }
static inline int cs_key_enter(void) { return KEY_ENTER; }
static inline int cs_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cs_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cs_err(void) { return ERR; }
static inline int cs_wcwidth(wchar_t c) { return wcwidth(c); }
static inline WINDOW *cs_stdscr(void) { return stdscr; }
static inline int cs_wattrset(WINDOW *w, int a) { return wattrset(w, a); }
static inline int cs_mvwaddstr(WINDOW *w, int y, int x, const char *s) { return mvwaddstr(w, y, x, s); }
static inline int cs_getmaxy(WINDOW *w) { return getmaxy(w); }
static inline int cs_getmaxx(WINDOW *w) { return getmaxx(w); }
static inline FILE *cs_fdopen_stdout(void) { return fdopen(STDOUT_FILENO, "w"); }
static inline FILE *cs_fdopen_stdin(void) { return fdopen(STDIN_FILENO, "r"); }
// Flushes the C standard output Swift's print writes to: 0 when every write went out, else the
// errno of the failed flush (or -1 when an earlier write failed).
static inline int cs_stdout_status(void) {
    errno = 0;
    if (fflush(stdout) != 0) return errno != 0 ? errno : -1;
    return ferror(stdout) ? -1 : 0;
}

#endif
