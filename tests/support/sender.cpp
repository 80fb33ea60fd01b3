#include "sender.h"

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace vv::capgen {

namespace {

bool loopbackAddress(const std::string &ip, sockaddr_in &addr)
{
    std::memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    if (inet_pton(AF_INET, ip.c_str(), &addr.sin_addr) != 1)
        return false;
    return (ntohl(addr.sin_addr.s_addr) >> 24) == 127;
}

bool fail(std::string *error, const std::string &message)
{
    if (error)
        *error = message;
    return false;
}

} // namespace

bool sendRealtime(const std::vector<GenPacket> &packets, std::string *error, const std::atomic<bool> *cancel,
                  double *firstPacketTime)
{
    std::map<std::pair<std::string, uint16_t>, int> sockets;
    auto closeAll = [&] {
        for (const auto &[key, fd] : sockets)
            ::close(fd);
    };
    // Bind all sockets first so the first packets are not delayed by socket setup.
    for (const GenPacket &p : packets) {
        sockaddr_in src{}, dst{};
        if (!loopbackAddress(p.src.ip, src) || !loopbackAddress(p.dst.ip, dst)) {
            closeAll();
            return fail(error, "refusing non-loopback packet " + p.src.ip + " -> " + p.dst.ip);
        }
        const auto key = std::make_pair(p.src.ip, p.src.port);
        if (sockets.count(key))
            continue;
        const int fd = ::socket(AF_INET, SOCK_DGRAM, 0);
        const int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        src.sin_port = htons(p.src.port);
        if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr *>(&src), sizeof src) != 0) {
            const std::string why = std::strerror(errno);
            if (fd >= 0)
                ::close(fd);
            closeAll();
            return fail(error, "cannot bind " + p.src.ip + ":" + std::to_string(p.src.port) + ": " + why);
        }
        sockets[key] = fd;
    }
    if (packets.empty())
        return true;
    const auto origin = std::chrono::steady_clock::now();
    if (firstPacketTime)
        *firstPacketTime = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
    const double first = packets.front().ts;
    for (const GenPacket &p : packets) {
        if (cancel && cancel->load())
            break;
        std::this_thread::sleep_until(origin + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                   std::chrono::duration<double>(p.ts - first)));
        sockaddr_in dst{};
        loopbackAddress(p.dst.ip, dst);
        dst.sin_port = htons(p.dst.port);
        const int fd = sockets[{p.src.ip, p.src.port}];
        if (::sendto(fd, p.payload.data(), p.payload.size(), 0, reinterpret_cast<sockaddr *>(&dst), sizeof dst) < 0 &&
            errno != ECONNREFUSED) {
            const std::string why = std::strerror(errno);
            closeAll();
            return fail(error, "sendto " + p.dst.ip + ":" + std::to_string(p.dst.port) + ": " + why);
        }
    }
    closeAll();
    return true;
}

} // namespace vv::capgen
