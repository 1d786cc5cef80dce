# The mouse wheel (issue 13) scrolls the pane under the pointer, three
# lines a turn, and leaves the focus where it was; over a view it scrolls
# the view.  Headless: "<Mouse wheelup|wheeldown Y X>".

test_wheel_scrolls_the_pane_under_the_pointer() {
	demo_copy
	# the documents pane: three down from Interview 01
	screen -s 100x30 '<Mouse wheeldown 5 5><Enter>'
	expect_line 1 "| Interview 04"
	screen -s 100x30 '<Mouse wheeldown 5 5><Mouse wheelup 5 5><Mouse wheelup 5 5><Enter>'
	expect_line 1 "| Interview 01"
	# focus on the text pane: the wheel over the documents moves them, the
	# focus stays (Enter in the text pane without a document says so)
	screen -s 100x30 '<Tab><Tab><Mouse wheeldown 5 5><Enter>'
	expect_out "No document open"
	# the text pane: six lines down
	screen -s 80x24 '<Enter><Mouse wheeldown 10 60><Mouse wheeldown 10 60>'
	expect_line 24 "Interview 01 | Pos. 6"
	screen -s 200x60 '<Enter><Mouse wheeldown 10 60><Mouse wheeldown 10 60>'
	expect_line 60 "Interview 01 | Pos. 6"
}

test_wheel_scrolls_a_view() {
	demo_copy
	# F: three rows down is 2.2
	screen -s 200x60 'F<Mouse wheeldown 5 5><Enter>'
	expect_line 1 "Segments (3) of 2.2"
	screen -s 80x24 'F<Mouse wheeldown 5 5><Mouse wheelup 5 5>jj<Enter>'
	expect_line 1 "Segments (2) of 2.1"
}
