// Compiled with tw_core's include path only. It must NOT compile: tw_core may not see Qt.
// The test layering_qt_include_fails_in_core expects this build to fail on the missing header.
#include <QString>
int probe() { return QString("x").size(); }
