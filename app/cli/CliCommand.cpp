#include "CliCommand.h"

#include "storage/StorageEnvironmentError.h"

#include <algorithm>

namespace tw::cli {

int storageExitCode(const std::exception& e)
{
    return dynamic_cast<const StorageEnvironmentError*>(&e) ? ExitInternal : ExitBadInput;
}

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
