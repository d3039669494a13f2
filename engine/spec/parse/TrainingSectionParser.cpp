#include "spec/parse/TrainingSectionParser.h"
#include "spec/SpecError.h"
#include "spec/parse/SpecParseSupport.h"

namespace tw::specparse {

using Kind = SpecError::Kind;
using R = SpecReader;

namespace {

ScheduleSpec parseSchedule(const R& r) {
    ScheduleSpec s;
    r.allowOnly({S("type"), S("warmup_epochs"), S("step_size"), S("gamma"), S("min_lr"),
                 S("factor"), S("patience")});
    s.type = r.choice<ScheduleSpec::Type>(S("type"),
                                          {{S("constant"), ScheduleSpec::Type::Constant},
                                           {S("step"), ScheduleSpec::Type::Step},
                                           {S("exponential"), ScheduleSpec::Type::Exponential},
                                           {S("cosine"), ScheduleSpec::Type::Cosine},
                                           {S("plateau"), ScheduleSpec::Type::Plateau}},
                                          s.type);
    s.warmupEpochs = toInt(r, S("warmup_epochs"), s.warmupEpochs, NumberRange::atLeast(0));
    s.stepSize = toInt(r, S("step_size"), s.stepSize, NumberRange::atLeast(1));
    s.gamma = r.number(S("gamma"), s.type == ScheduleSpec::Type::Exponential ? 0.95 : 0.1,
                       NumberRange::leftOpen(0, 1));
    s.minLr = r.number(S("min_lr"), s.minLr, NumberRange::atLeast(0));
    s.factor = r.number(S("factor"), s.factor, NumberRange::open(0, 1));
    s.patience = toInt(r, S("patience"), s.patience, NumberRange::atLeast(0));
    return s;
}

EarlyStoppingSpec parseEarlyStopping(const R& r, const QString& studyMetric) {
    EarlyStoppingSpec e;
    r.allowOnly({S("enabled"), S("patience"), S("min_delta"), S("restore_best"), S("metric")});
    e.enabled = r.boolean(S("enabled"), true);
    e.patience = toInt(r, S("patience"), e.patience, NumberRange::atLeast(1));
    e.minDelta = r.number(S("min_delta"), e.minDelta, NumberRange::atLeast(0));
    e.restoreBest = r.boolean(S("restore_best"), e.restoreBest);
    if (r.has(S("metric")))
        e.metric = trainMetric(r.value(S("metric")), r.at(S("metric")), false);
    else
        e.metric = studyMetric.startsWith(QLatin1String("val_")) ? studyMetric : S("val_loss");
    return e;
}

} // namespace

TrainingSpec TrainingSectionParser::parse(const R& r, const QString& studyMetric) {
    TrainingSpec t;
    r.allowOnly({S("optimizer"), S("learning_rate"), S("batch_size"), S("epochs"),
                 S("weight_decay"), S("loss"), S("label_smoothing"), S("huber_delta"),
                 S("momentum"), S("beta1"), S("beta2"), S("epsilon"), S("clip_norm"), S("shuffle"),
                 S("schedule"), S("early_stopping"), S("seed"), S("threads")});
    using O = TrainingSpec::Optimizer;
    t.optimizer = r.choice<O>(S("optimizer"),
                              {{S("sgd"), O::Sgd},
                               {S("momentum"), O::Momentum},
                               {S("nesterov"), O::Nesterov},
                               {S("adagrad"), O::AdaGrad},
                               {S("rmsprop"), O::RmsProp},
                               {S("adam"), O::Adam},
                               {S("adamw"), O::AdamW}},
                              t.optimizer);
    t.learningRate = r.number(S("learning_rate"), t.learningRate, NumberRange::greaterThan(0));
    t.batchSize = toInt(r, S("batch_size"), t.batchSize, NumberRange::atLeast(1));
    t.epochs = toInt(r, S("epochs"), t.epochs, NumberRange::atLeast(0));
    t.weightDecay = r.number(S("weight_decay"), t.weightDecay, NumberRange::atLeast(0));
    using L = TrainingSpec::Loss;
    t.loss = r.choice<L>(S("loss"),
                         {{S("auto"), L::Auto},
                          {S("mse"), L::Mse},
                          {S("huber"), L::Huber},
                          {S("cross_entropy"), L::CrossEntropy},
                          {S("binary_cross_entropy"), L::BinaryCrossEntropy}},
                         t.loss);
    t.labelSmoothing =
        r.number(S("label_smoothing"), t.labelSmoothing, NumberRange::halfOpen(0, 1));
    t.huberDelta = r.number(S("huber_delta"), t.huberDelta, NumberRange::greaterThan(0));
    t.momentum = r.number(S("momentum"), t.momentum, NumberRange::halfOpen(0, 1));
    t.beta1 = r.number(S("beta1"), t.beta1, NumberRange::halfOpen(0, 1));
    t.beta2 = r.number(S("beta2"), t.beta2, NumberRange::halfOpen(0, 1));
    t.epsilon = r.number(S("epsilon"), t.epsilon, NumberRange::greaterThan(0));
    t.clipNorm = r.number(S("clip_norm"), t.clipNorm, NumberRange::atLeast(0));
    t.shuffle = r.boolean(S("shuffle"), t.shuffle);
    if (r.has(S("schedule")))
        t.schedule = parseSchedule(r.child(S("schedule")));
    if (r.has(S("early_stopping")))
        t.earlyStopping = parseEarlyStopping(r.child(S("early_stopping")), studyMetric);
    t.seed = toSeed(r, S("seed"));
    t.threads = toInt(r, S("threads"), t.threads, NumberRange::atLeast(1));
    return t;
}

} // namespace tw::specparse
