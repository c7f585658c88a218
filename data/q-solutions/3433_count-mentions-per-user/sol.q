/ 3433 Count Mentions Per User: events by time (OFFLINE first), tracking when each user is back online
solve:{[numberOfUsers;events]
  events:events iasc (2*"J"$events[;1])+"M"=events[;0;0];
  cnt:numberOfUsers#0; back:numberOfUsers#0; i:0;
  do[count events;
    e:events i; t:"J"$e 1;
    $[e[0;0]="O"; back["J"$e 2]:t+60;
      e[2;0]="A"; cnt+:1;
      e[2;0]="H"; cnt+:back<=t;
      cnt:@[cnt;"J"$2_'" " vs e 2;+;1]];
    i+:1];
  cnt}
