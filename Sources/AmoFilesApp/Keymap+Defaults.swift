/// The text of keymap.txt at the repository root; a test keeps the two equal.
extension Keymap {
    public static let defaultText = """
# amofiles key bindings: the defaults, and their documentation.
#
# Copy lines you want to change to $XDG_CONFIG_HOME/amofiles/keymap.txt
# (default ~/.config/amofiles/keymap.txt) or pass --keymap PATH. A line there
# replaces every default key of its action. A key may serve two actions only
# when they never act on the same screen (`cancel d` is fine: d deletes in
# Files and cancels in Transfers); `amofiles keymap --check FILE` names every
# clash and every bad line, and the UI will not start with either.
#
# One binding per line: an action, then one or more keys, separated by spaces.
# `#` starts a comment. `none` as the only key leaves the action unbound.
# Keys: a character (j, G, /, ?), C-x (Ctrl), M-x (Alt), Enter, Esc, Tab, S-Tab,
# Space, Backspace, Delete, Insert, Up, Down, Left, Right, PageUp, PageDown,
# Home, End, F1 ... F12.

# Moving in a list
up              k Up
down            j Down
page-up         C-b PageUp
page-down       C-f PageDown
top             g Home
bottom          G End

# Choosing and changing files
details         i Enter
versions        v
download        D
sort            s
select          Space
rename          r
delete          d Delete
restore         u
upload          U
new-version     V
undo            z
compare         =
links           l
attach          a

# Uploading from the local picker
parent          Backspace Left
hidden          .

# Transfers
cancel          x
retry           R

# Searching
search          /
filter          f
clear-filter    c

# Tabs
next-tab        Tab
previous-tab    S-Tab
files           1
trash           2
transfers       3
usage           4

# Anywhere
command         :
refresh         C-r
help            ? F1
messages        m
close           q
quit            Q F10

# Previews (p on a file, or on a version in Versions)
preview         p
next-match      n
previous-match  N
wrap            w
next-sheet      ]
previous-sheet  [
"""
}
