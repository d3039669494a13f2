#pragma once
#include <cstddef>
#include <vector>

namespace tw {

// Append-only float storage in separately mapped chunks. A reader parses into it, then
// copies the values into their final matrix and returns each chunk to the system as soon
// as it has been copied, so peak memory stays near one copy of the data rather than two
// (a growing std::vector holds three at each reallocation, and glibc may keep freed heap).
class CellBuffer {
public:
    CellBuffer() = default;
    ~CellBuffer();
    CellBuffer(const CellBuffer&) = delete;
    CellBuffer& operator=(const CellBuffer&) = delete;

    void push(float value)
    {
        const std::size_t chunk = m_size >> kShift;
        if (chunk == m_chunks.size())
            addChunk();
        m_chunks[chunk][m_size & kMask] = value;
        ++m_size;
    }
    float at(std::size_t index) const { return m_chunks[index >> kShift][index & kMask]; }
    std::size_t size() const { return m_size; }
    // Unmaps the chunks that hold only values before `index`; at() must not read them again.
    void releaseBefore(std::size_t index);
    void clear();

private:
    static constexpr std::size_t kShift = 20;  // 4 MiB chunks
    static constexpr std::size_t kChunkFloats = std::size_t(1) << kShift;
    static constexpr std::size_t kMask = kChunkFloats - 1;

    void addChunk();

    std::vector<float*> m_chunks;
    std::size_t m_size = 0;
};

} // namespace tw
