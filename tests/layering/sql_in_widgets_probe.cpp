// Compiled with tw_widgets' (or tw_app's) usage requirements only. It must NOT compile:
// Qt SQL is private to tw_storage. The layering_sql_include_fails_in_* tests expect this
// build to fail on the missing header, and on nothing else.
#include <QSqlQuery>
int probe() { return QSqlQuery().size(); }
