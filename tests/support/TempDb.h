#pragma once
// A database file in the temporary folder for one test, removed (with its WAL) afterwards.
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <string>

namespace binhan::testing {

struct TempDb {
    std::string path = (std::filesystem::temp_directory_path() /
                        ("binhan-test-" + std::to_string(::getpid()) + "-" +
                         std::to_string(reinterpret_cast<std::uintptr_t>(this)) + ".db"))
                           .string();
    ~TempDb() {
        for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
    }
};

}  // namespace binhan::testing
