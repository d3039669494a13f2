#pragma once
// Where the tests find their files. The absolute paths live in one small source file that
// CMake generates into the build folder (tests/support/TestPaths.cpp.in), not in compiler
// flags: a path on every test's command line made each clone's test objects differ, so a
// fresh clone compiled every test again instead of taking it from ccache.
#include <QString>

namespace tw::test {

QString testDataDir(); // tests/data
QString sourceDir();   // the checkout's root
QString binDir();      // the build's bin/: tunewright-cli and the tests

// `relative` under tests/data, e.g. testData("csv/bad").
inline QString testData(const QString& relative) {
    return testDataDir() + u'/' + relative;
}
// `relative` under the checkout's root, e.g. sourcePath("resources/examples").
inline QString sourcePath(const QString& relative) {
    return sourceDir() + u'/' + relative;
}
// A program built next to the tests, e.g. binPath("tunewright-cli").
inline QString binPath(const QString& name) {
    return binDir() + u'/' + name;
}

} // namespace tw::test
