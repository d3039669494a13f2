// Every example the workbench ships must parse, and a train example's objective must fit
// its search space's every probe value (the parser checks that).
#include "spec/StudySpecParser.h"
#include "support/TestPaths.h"

#include <QDir>
#include <QtTest>

using namespace tw;

class tst_ExampleSpecs : public QObject {
    Q_OBJECT
private slots:
    void everyExampleParses_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(tw::test::sourcePath(QStringLiteral("resources/examples")));
        const auto files = dir.entryList({"*.json"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 5);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
        // The command objectives' examples, with their scripts beside them (#19).
        const QDir command(dir.filePath(QStringLiteral("command")));
        const auto commands = command.entryList({"*.json"}, QDir::Files, QDir::Name);
        QVERIFY(commands.contains(QStringLiteral("pytorch-fashion-cnn.json")));
        for (const QString& f : commands)
            QTest::newRow(qPrintable("command/" + f)) << command.filePath(f);
    }

    void everyExampleParses()
    {
        QFETCH(QString, file);
        const auto spec = StudySpecParser::parseFile(file);
        QVERIFY2(spec.ok(), qPrintable(spec.error()));
    }
};

QTEST_GUILESS_MAIN(tst_ExampleSpecs)
#include "tst_examplespecs.moc"
