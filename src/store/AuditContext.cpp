#include "store/AuditContext.h"

namespace binhan::store {
namespace {
thread_local AuditContext* tlsCurrent = nullptr;
}

AuditContext* AuditContext::current() {
    return tlsCurrent;
}

AuditScope::AuditScope(AuditContext* context) : previous_(tlsCurrent) {
    tlsCurrent = context;
}

AuditScope::~AuditScope() {
    tlsCurrent = previous_;
}

}  // namespace binhan::store
