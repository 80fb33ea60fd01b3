#include "api/apiserver.h"

namespace vv::agent {

std::vector<Route> sessionRoutes();
std::vector<Route> statusRoutes();
std::vector<Route> vaultRoutes();
std::vector<Route> userRoutes();
std::vector<Route> recordingRoutes();
std::vector<Route> healthRoutes();
std::vector<Route> subjectRoutes();
std::vector<Route> encryptionRoutes();

std::vector<Route> apiRoutes()
{
    std::vector<Route> all;
    for (auto part : {statusRoutes(), sessionRoutes(), vaultRoutes(), userRoutes(), recordingRoutes(), healthRoutes(),
                      subjectRoutes(), encryptionRoutes()})
        all.insert(all.end(), part.begin(), part.end());
    return all;
}

} // namespace vv::agent
