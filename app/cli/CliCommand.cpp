#include "CliCommand.h"

#include <algorithm>

namespace tw::cli {

std::vector<CliCommand>& CliCommand::all()
{
    static std::vector<CliCommand> commands;
    return commands;
}

const CliCommand* CliCommand::find(const QString& name)
{
    for (const auto& c : all())
        if (c.name == name)
            return &c;
    return nullptr;
}

CliCommand::Registrar::Registrar(CliCommand command)
{
    auto& list = all();
    list.push_back(std::move(command));
    std::sort(list.begin(), list.end(),
              [](const CliCommand& a, const CliCommand& b) { return a.name < b.name; });
}

} // namespace tw::cli
