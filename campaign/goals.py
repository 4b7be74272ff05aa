"""The goal shown on a petition's progress bar, which steps up once it is passed (as Proca
does), so a successful petition keeps a target worth aiming for."""

STEPS = (1, 2, 5)  # 100, 200, 500, 1,000, 2,000, 5,000 …


def next_goal_after(goal):
    """The next round number above `goal` in the 1-2-5 series."""
    magnitude = 1
    while True:
        for step in STEPS:
            candidate = step * magnitude
            if candidate > goal:
                return candidate
        magnitude *= 10


def displayed_goal(count, goal):
    """The editor's goal until it is reached, then the next step up, and so on."""
    goal = max(int(goal or 0), 1)
    while count >= goal:
        goal = next_goal_after(goal)
    return goal


def progress_percent(count, goal):
    return min(100, round(100 * count / goal)) if goal else 0
