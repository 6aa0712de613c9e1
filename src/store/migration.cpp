#include "store/migration.hpp"

#include <algorithm>

namespace formlympics::store {

std::vector<Migration> migrations_for(std::string_view dialect) {
    std::vector<Migration> out;
    for (const auto& m : embedded_migrations()) {
        if (m.dialect == dialect) out.push_back(m);
    }
    std::sort(out.begin(), out.end(),
              [](const Migration& a, const Migration& b) { return a.name < b.name; });
    return out;
}

}  // namespace formlympics::store
