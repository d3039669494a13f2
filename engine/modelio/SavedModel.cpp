#include "modelio/SavedModel.h"

#include <stdexcept>

namespace tw {

std::string SavedModel::consistencyError() const
{
    const ModelArchitecture& a = model.architecture();
    const auto n = [](auto v) { return std::to_string(v); };
    if (model.isEmpty())
        return "the model is empty";
    if (static_cast<int>(featureNames.size()) != a.inputs)
        return "the model has " + n(a.inputs) + " inputs but " + n(featureNames.size()) + " feature names";
    int fromColumns = 0;
    for (const auto& c : inputs)
        fromColumns += c.featureCount();
    if (!inputs.empty() && fromColumns != a.inputs)
        return "the input columns make " + n(fromColumns) + " features, the model has " + n(a.inputs) + " inputs";
    if (a.task() != task)
        return std::string("the output layer is for ") +
               (a.task() == Task::Classification ? "classification" : "regression") + ", the task is " +
               (task == Task::Classification ? "classification" : "regression");
    if (task == Task::Classification && static_cast<int>(classLabels.size()) != a.classCount())
        return "the model has " + n(a.classCount()) + " classes but " + n(classLabels.size()) + " class labels";
    if (task == Task::Regression && !classLabels.empty())
        return "a regression model has no class labels";
    if (preprocessor.kind() != Preprocessor::Kind::None && preprocessor.offset().size() != a.inputs)
        return "the preprocessing has " + n(preprocessor.offset().size()) + " features, the model " + n(a.inputs);
    if (imageShape && imageShape->size() != a.inputs)
        return "the image shape has " + n(imageShape->size()) + " pixels, the model " + n(a.inputs) + " inputs";
    return {};
}

Eigen::MatrixXf SavedModel::predict(FeatureMatrix x) const
{
    if (x.cols() != model.architecture().inputs)
        throw std::invalid_argument("SavedModel::predict(): the model takes " +
                                    std::to_string(model.architecture().inputs) + " features, got " +
                                    std::to_string(x.cols()));
    preprocessor.transform(x);
    return model.predict(x);
}

} // namespace tw
