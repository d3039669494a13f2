#include "io/CellBuffer.h"

#include <new>

#include <sys/mman.h>

namespace tw {

CellBuffer::~CellBuffer() { clear(); }

void CellBuffer::addChunk()
{
    // mmap, not malloc: an unmapped chunk leaves the resident set at once, whatever glibc's
    // (adaptive) mmap threshold happens to be after earlier reads.
    void* p = ::mmap(nullptr, kChunkFloats * sizeof(float), PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        throw std::bad_alloc();
    m_chunks.push_back(static_cast<float*>(p));
}

void CellBuffer::releaseBefore(std::size_t index)
{
    const std::size_t whole = index >> kShift;
    for (std::size_t c = 0; c < whole && c < m_chunks.size(); ++c) {
        if (m_chunks[c]) {
            ::munmap(m_chunks[c], kChunkFloats * sizeof(float));
            m_chunks[c] = nullptr;
        }
    }
}

void CellBuffer::clear()
{
    for (float* c : m_chunks)
        if (c)
            ::munmap(c, kChunkFloats * sizeof(float));
    m_chunks.clear();
    m_size = 0;
}

} // namespace tw
