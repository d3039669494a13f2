#pragma once
#include <Eigen/Core>

#include <string_view>

namespace tw {

// A first-order optimizer over one flat parameter vector; it knows nothing of models
// (the ensmallen style). State is sized once in reset(n), never keyed by address. There is
// one update loop (UpdateLoop, optim/UpdateLoop.h): chunked, and safe to run on disjoint
// ranges from several threads; each optimizer is a small update policy holding only its
// state and its per-element rule. All the rules are elementwise, so a range's update is
// the same slice of a whole-vector update (bit for bit when the range starts on a
// multiple of 16 floats): the trainer has each thread update its own slice.
class Optimizer {
public:
    explicit Optimizer(float learningRate);
    virtual ~Optimizer() = default;

    virtual std::string_view name() const = 0;
    // Sizes (and zeroes) the state for n parameters; also restarts the step count.
    void reset(Eigen::Index parameterCount);
    // One update of w given the gradient of the loss at w. Sizes must equal reset()'s.
    // The same as beginStep() then update(0, w, grad).
    void step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad);

    // The threaded form of step(). One thread calls beginStep() (the step count and the
    // step's constants, such as Adam's bias corrections); then threads call update() on
    // disjoint ranges: `w` and `grad` are the range [begin, begin + w.size()) of the whole
    // vector. Throws std::invalid_argument for a range outside reset()'s size.
    void beginStep();
    void update(Eigen::Index begin, Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad);

    // Schedules change the rate between steps.
    float learningRate() const { return m_learningRate; }
    void setLearningRate(float rate);
    long long stepCount() const { return m_steps; }
    Eigen::Index parameterCount() const { return m_size; }

protected:
    // Named in error messages: "Adam::step(): ...".
    virtual std::string_view className() const = 0;
    virtual void resetState(Eigen::Index parameterCount) = 0;
    // Called by beginStep() after the step count went up.
    virtual void prepareStep() = 0;
    virtual void updateRange(Eigen::Index begin, Eigen::Ref<Eigen::VectorXf> w,
                             const Eigen::Ref<const Eigen::VectorXf>& grad) = 0;

    // The update loop works on chunks of this many floats, so the state, the weights and
    // the gradient of one chunk stay in L1 across the passes of one update.
    static constexpr Eigen::Index kChunk = 2048;

    float m_learningRate;
    long long m_steps = 0;

private:
    Eigen::Index m_size = 0;
};

} // namespace tw
