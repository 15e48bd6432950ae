#pragma once
// A byte buffer for key material: wiped (sodium_memzero) when destroyed or overwritten, and
// never printed. Copying is allowed but each copy is wiped in turn.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace binhan::crypto {

class SecretBytes {
public:
    SecretBytes() = default;
    explicit SecretBytes(std::size_t size);
    SecretBytes(const std::uint8_t* data, std::size_t size);
    SecretBytes(const SecretBytes& other);
    SecretBytes& operator=(const SecretBytes& other);
    SecretBytes(SecretBytes&& other) noexcept;
    SecretBytes& operator=(SecretBytes&& other) noexcept;
    ~SecretBytes();

    std::uint8_t* data() { return bytes_.data(); }
    const std::uint8_t* data() const { return bytes_.data(); }
    std::size_t size() const { return bytes_.size(); }
    bool empty() const { return bytes_.empty(); }
    // Constant-time comparison.
    bool equals(const SecretBytes& other) const;

private:
    void wipe();
    std::vector<std::uint8_t> bytes_;
};

}  // namespace binhan::crypto
