#pragma once
// A stream of bytes read piece by piece (issue 21): an upload arriving from the network, a sealed
// file read back from storage. Lets core and the services consume a large body without holding it
// whole and without knowing where it comes from.
#include <cstddef>
#include <cstdint>

namespace binhan::core {

class ByteSource {
  public:
    virtual ~ByteSource() = default;
    // Reads up to `most` bytes into `into`; returns how many, 0 only at the end. May throw: an
    // upload throws core::Error(TooLarge) as soon as it passes its limit, and
    // core::Error(Invalid, "incomplete_body") when the client stopped before its end.
    virtual std::size_t read(std::uint8_t* into, std::size_t most) = 0;
};

}  // namespace binhan::core
