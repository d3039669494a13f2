#pragma once
#include <Eigen/Core>

#include <string_view>

namespace tw {

// A first-order optimizer over one flat parameter vector; it knows nothing of models
// (the ensmallen style). State is sized once in reset(n), never keyed by address. All the
// update rules here are elementwise, so an optimizer reset to a slice's size and stepped
// on that slice behaves as the same slice of a whole-vector optimizer (bit for bit when
// the slice starts on a multiple of 16 floats): the trainer gives each thread a slice.
class Optimizer {
public:
    explicit Optimizer(float learningRate);
    virtual ~Optimizer() = default;

    virtual std::string_view name() const = 0;
    // Sizes (and zeroes) the state for n parameters; also restarts the step count.
    virtual void reset(Eigen::Index parameterCount) = 0;
    // One update of w given the gradient of the loss at w. Sizes must equal reset()'s.
    virtual void step(Eigen::Ref<Eigen::VectorXf> w, const Eigen::Ref<const Eigen::VectorXf>& grad) = 0;

    // Schedules change the rate between steps.
    float learningRate() const { return m_learningRate; }
    void setLearningRate(float rate);
    long long stepCount() const { return m_steps; }

protected:
    // Throws std::invalid_argument naming the class when sizes differ from reset()'s.
    void checkSizes(std::string_view who, Eigen::Index expected, Eigen::Index w, Eigen::Index grad) const;
    // The vectorised loops work on chunks of this many floats, so the state, the weights
    // and the gradient of one chunk stay in L1 across the passes of one update.
    static constexpr Eigen::Index kChunk = 2048;

    float m_learningRate;
    long long m_steps = 0;
};

} // namespace tw
