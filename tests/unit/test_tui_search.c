/* Unit tests for the TUI's search helpers (tui/text_search.c): smart
 * case, as `/` and S decide it. */
#include <criterion/criterion.h>

#include "../../tui/text.h"

Test(tui_search, lower_case_matches_any_case)
{
	cr_assert(text_search_icase("portal"));
	cr_assert(text_search_icase("über"));
	cr_assert(text_search_icase(""));
	cr_assert(!text_search_icase("Portal"));
	cr_assert(!text_search_icase("portal X"));
}

Test(tui_search, escapes_are_not_capitals)
{
	cr_assert(text_search_icase("\\S+portal\\W"), "\\S and \\W are classes");
	cr_assert(text_search_icase("a\\Db"));
	cr_assert(!text_search_icase("\\SPortal"), "a capital after an escape counts");
	cr_assert(text_search_icase("x\\"), "a trailing backslash");
}
