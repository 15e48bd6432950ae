#include "core/Username.h"

#include "core/Error.h"

namespace binhan::core {

void checkUsername(const std::string& username) {
    const auto bad = [] {
        return Invalid("username",
                       "A username has 3 to 64 characters: a-z, 0-9, '.', '_' or '-', "
                       "starting with a letter.");
    };
    if (username.size() < 3 || username.size() > 64) throw bad();
    if (username[0] < 'a' || username[0] > 'z') throw bad();
    for (char c : username)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
            throw bad();
}

}  // namespace binhan::core
