/* Prints libvirt struct sizes and offsets from the libvirt-dev headers; StructLayoutTests asserts the same numbers.
   gcc layout.c -o layout -lvirt && ./layout */
#include <stdio.h>
#include <stddef.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
int main(){
printf("virTypedParameter %zu type@%zu value@%zu VIR_TYPED_PARAM_FIELD_LENGTH %d\n", sizeof(virTypedParameter), offsetof(struct _virTypedParameter,type), offsetof(struct _virTypedParameter,value));
printf("virDomainInfo %zu maxMem@%zu memory@%zu nrVirtCpu@%zu cpuTime@%zu\n", sizeof(virDomainInfo), offsetof(virDomainInfo,maxMem), offsetof(virDomainInfo,memory), offsetof(virDomainInfo,nrVirtCpu), offsetof(virDomainInfo,cpuTime));
printf("virNodeInfo %zu memory@%zu cpus@%zu mhz@%zu nodes@%zu sockets@%zu cores@%zu threads@%zu\n", sizeof(virNodeInfo), offsetof(virNodeInfo,memory), offsetof(virNodeInfo,cpus), offsetof(virNodeInfo,mhz), offsetof(virNodeInfo,nodes), offsetof(virNodeInfo,sockets), offsetof(virNodeInfo,cores), offsetof(virNodeInfo,threads));
printf("virDomainStatsRecord %zu dom@%zu params@%zu nparams@%zu\n", sizeof(virDomainStatsRecord), offsetof(virDomainStatsRecord,dom), offsetof(virDomainStatsRecord,params), offsetof(virDomainStatsRecord,nparams));
printf("virDomainInterfaceStatsStruct %zu\n", sizeof(virDomainInterfaceStatsStruct));
printf("virDomainBlockStatsStruct %zu\n", sizeof(virDomainBlockStatsStruct));
printf("virDomainMemoryStatStruct %zu tag@0 val@%zu\n", sizeof(virDomainMemoryStatStruct), offsetof(virDomainMemoryStatStruct,val));
printf("virError %zu code@%zu domain@%zu message@%zu level@%zu\n", sizeof(virError), offsetof(virError,code), offsetof(virError,domain), offsetof(virError,message), offsetof(virError,level));
printf("VIR_DOMAIN_EVENT_ID_LIFECYCLE %d STATS_STATE %d\n", VIR_DOMAIN_EVENT_ID_LIFECYCLE, VIR_DOMAIN_STATS_STATE);
printf("LIBVIR_VERSION %d\n", LIBVIR_VERSION_NUMBER);
return 0;}
