#include "StudyComponents.h"
#include "samplers/GPSampler.h"
#include "spec/StudySpecParser.h"

#include <QJsonObject>
#include <QtTest>

using namespace tw;

namespace {

// The GP a spec's sampler object makes (a function objective, so no dataset is needed).
std::shared_ptr<GPSampler> gpFor(const QJsonObject& sampler)
{
    const QJsonObject spec{{"version", 1}, {"name", "s"}, {"direction", "minimize"},
                           {"objective", QJsonObject{{"type", "function"}, {"name", "branin"}}},
                           {"sampler", sampler}};
    const auto parsed = StudySpecParser::parseObject(spec);
    if (!parsed)
        qFatal("%s", qPrintable(parsed.error()));
    return std::dynamic_pointer_cast<GPSampler>(
        StudyComponents::sampler(parsed.value(), StudyComponents::searchSpace(parsed.value())));
}

} // namespace

class tst_StudyComponents : public QObject {
    Q_OBJECT
private slots:
    // sampler.local_every reaches the GP: default every 2nd trial, 0 turns it off.
    void gpOptionsComeFromTheSpec()
    {
        auto gp = gpFor(QJsonObject{{"type", "gp"}, {"seed", 4}});
        QVERIFY(gp);
        QCOMPARE(gp->options().localEvery, 2);
        QCOMPARE(gp->options().seed, std::uint64_t(4));
        QVERIFY(gp->options().deterministicObjective);
        gp = gpFor(QJsonObject{{"type", "gp"}, {"local_every", 0}, {"n_startup", 5}});
        QCOMPARE(gp->options().localEvery, 0);
        QCOMPARE(gp->options().startupTrials, 5);
    }
};

QTEST_GUILESS_MAIN(tst_StudyComponents)
#include "tst_studycomponents.moc"
