#pragma once

namespace tw {

// How a program opens its storage (#13): read commands never create anything, and read-only
// files and folders can still be read.
enum class StorageAccess {
    Create,    // read and write; create the experiment file (and its folder) or the schema
    Existing,  // read and write an experiment that exists; never create one
    ReadOnly,  // read an experiment that exists; never write, works on read-only files,
               // folders and file systems
};

} // namespace tw
