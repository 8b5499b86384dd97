#ifndef AMOFILES_CNCURSES_SHIM_H
#define AMOFILES_CNCURSES_SHIM_H

// SwiftPM drops the -D flags pkg-config would give, so wide-character curses is asked for here.
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// Globals and macros Swift cannot import, as functions.
static inline WINDOW *amo_stdscr(void) { return stdscr; }
static inline int amo_lines(void) { return LINES; }
static inline int amo_cols(void) { return COLS; }
static inline int amo_color_pairs(void) { return COLOR_PAIRS; }
static inline int amo_colors(void) { return COLORS; }
static inline attr_t amo_a_normal(void) { return A_NORMAL; }
static inline attr_t amo_a_bold(void) { return A_BOLD; }
static inline attr_t amo_a_reverse(void) { return A_REVERSE; }
static inline attr_t amo_a_underline(void) { return A_UNDERLINE; }
static inline attr_t amo_a_dim(void) { return A_DIM; }
static inline attr_t amo_color_pair(short pair) { return COLOR_PAIR(pair); }
static inline int amo_key_resize(void) { return KEY_RESIZE; }
static inline int amo_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t amo_mouse_mask(void) { return BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED; }
static inline int amo_button1_clicked(mmask_t state) { return (state & (BUTTON1_CLICKED | BUTTON1_PRESSED)) != 0; }
static inline int amo_button1_double(mmask_t state) { return (state & BUTTON1_DOUBLE_CLICKED) != 0; }
static inline int amo_wheel_up(mmask_t state) { return (state & BUTTON4_PRESSED) != 0; }
static inline int amo_wheel_down(mmask_t state) { return (state & BUTTON5_PRESSED) != 0; }

/// One read of wget_wch: `status` is OK, KEY_CODE_YES (a function key in `code`) or ERR (timeout).
typedef struct { int status; unsigned int code; } amo_key;

static inline amo_key amo_read_key(WINDOW *window) {
    wint_t code = 0;
    int status = wget_wch(window, &code);
    amo_key key = { status, (unsigned int)code };
    return key;
}

/// Draws `count` wide characters with one attribute set, at (row, column).
static inline void amo_put(WINDOW *window, int row, int column, const wchar_t *text, int count, attr_t attributes, short pair) {
    wattr_set(window, attributes, pair, NULL);
    mvwaddnwstr(window, row, column, text, count);
    wattr_set(window, A_NORMAL, 0, NULL);
}

#endif
