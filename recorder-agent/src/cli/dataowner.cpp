#include "cli/dataowner.h"

#include "common/logging.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace vv::agent {

bool actAsDataDirOwner(const QString &dataDir, DataOwnerMode mode, QString *error)
{
    struct stat st = {};
    if (geteuid() != 0 || ::stat(QFile::encodeName(dataDir).constData(), &st) != 0 || st.st_uid == 0)
        return true;
    const passwd *pw = getpwuid(st.st_uid);
    const QString owner = pw ? QString::fromLocal8Bit(pw->pw_name) : QString::number(st.st_uid);
    if (mode == DataOwnerMode::Refuse) {
        *error = QStringLiteral("the data folder %1 belongs to %2; start the service (systemctl start "
                                "vipvault-agent) or run this command as %2, not as root")
                     .arg(dataDir, owner);
        return false;
    }
    // Supplementary groups first, then the group, then the user: after
    // setuid() there is no right left to change the others.
    const gid_t gid = pw ? pw->pw_gid : st.st_gid;
    if ((pw ? initgroups(pw->pw_name, gid) : setgroups(0, nullptr)) != 0 || setgid(gid) != 0 ||
        setuid(st.st_uid) != 0) {
        *error = QStringLiteral("cannot switch to %1, the owner of %2: %3")
                     .arg(owner, dataDir, QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    qCInfo(lcConfig).noquote() << "running as" << owner << "(owner of" << dataDir << ")";
    return true;
}

} // namespace vv::agent
