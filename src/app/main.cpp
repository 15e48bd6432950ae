// binhan: the one process of Bình An (DESIGN.md §4). See app/BinhanApp.h.
#include "app/BinhanApp.h"

POCO_SERVER_MAIN(binhan::app::BinhanApp)
